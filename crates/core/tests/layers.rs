//! The core's top-level modules form layers: no module refers, through any chain of others, back to itself.
//!
//! Every `crate::<module>` reference in `crates/core/src/**/*.rs` is read (in `use` lines and in paths such as
//! `crate::scoring::evaluate(…)`, including `crate::{a::…, b}` groups, `super::` paths that climb to the crate root,
//! and the root's own re-exports such as `crate::Document`), per top-level module: a folder module
//! (`scoring/mod.rs`, `scoring/rules.rs` …) counts as one. Comments, string literals and `#[cfg(test)]` items are
//! left out: a unit test module is a leaf nothing refers to, so it cannot close a cycle.
#![allow(
    clippy::arithmetic_side_effects,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::string_slice,
    clippy::panic,
    clippy::disallowed_methods
)] // Tests, benchmarks and examples may panic and use literals; the library code may not.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Where a reference stands, to name it in a failure.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Place {
    file: String,
    line: usize,
}

/// Module → module it refers to → the first place it does.
type Graph = BTreeMap<String, BTreeMap<String, Place>>;

#[test]
fn the_core_has_no_import_cycle() {
    let graph = core_graph();
    if let Some(cycle) = find_cycle(&graph) {
        let mut message = format!(
            "import cycle among the core's top-level modules: {}\n",
            cycle.join(" → ")
        );
        for pair in cycle.windows(2) {
            let place = &graph[&pair[0]][&pair[1]];
            message.push_str(&format!(
                "  {} → {}: {}:{}\n",
                pair[0], pair[1], place.file, place.line
            ));
        }
        message.push_str(
            "Move what both need into a lower module, or let only one of them refer to the other.",
        );
        panic!("{message}");
    }
}

/// The reader finds what is really there, so the test above cannot pass by reading nothing.
#[test]
fn the_graph_holds_known_references() {
    let graph = core_graph();
    for (from, to) in [
        ("scoring", "framework"), // from scoring/mod.rs
        ("scoring", "metrics"),   // only from scoring/rules.rs: a folder counts as one
        ("checks", "scoring"),
        ("migrate", "gate"),
        ("document", "framework"),
        ("targets", "paste"), // a `pub use` re-export
    ] {
        assert!(
            graph
                .get(from)
                .is_some_and(|to_set| to_set.contains_key(to)),
            "{from} → {to} not found in {graph:#?}"
        );
    }
    // Leaves: what everything else stands on.
    for leaf in ["number", "fields", "caps"] {
        assert_eq!(graph.get(leaf).map(BTreeMap::len), Some(0), "{leaf}");
    }
}

#[test]
fn comments_strings_and_tests_are_not_references() {
    let text = r###"
use crate::a::X; // crate::b in a comment
/* crate::c
   in a block comment */
const S: &str = "crate::d";
const R: &str = r#"crate::e "quoted""#;
const C: char = '"';
fn f<'a>(x: &'a str) -> &'a str { crate::g::h(x) }
#[cfg(test)]
mod tests {
    use crate::i;
    fn brace() -> char { '{' }
}
pub use crate::{j::K, l};
fn m() { super::super::n::o(); }
"###;
    let found: Vec<(String, usize)> = references(&strip(text), 2);
    let names: Vec<&str> = found.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(names, ["a", "g", "j", "l", "n"]);
    assert_eq!(found[1].1, 8, "the line of crate::g");
}

#[test]
fn a_cycle_is_found_and_named() {
    let place = Place {
        file: String::new(),
        line: 0,
    };
    let mut graph = Graph::new();
    for (from, to) in [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")] {
        graph
            .entry(from.to_string())
            .or_default()
            .insert(to.to_string(), place.clone());
    }
    assert_eq!(find_cycle(&graph).unwrap(), ["a", "b", "c", "a"]);
    graph.get_mut("c").unwrap().remove("a");
    assert_eq!(find_cycle(&graph), None);
}

fn src_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The graph of the core's top-level modules, read from the source.
fn core_graph() -> Graph {
    let src = src_dir();
    let lib = std::fs::read_to_string(src.join("lib.rs")).unwrap();
    let root_names = root_reexports(&strip(&lib));
    let mut graph = Graph::new();
    let mut files = Vec::new();
    for entry in std::fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            if name != "bin" {
                rust_files(&path, &mut files);
            }
        } else if path.extension().is_some_and(|e| e == "rs") && name != "lib" {
            files.push(path);
        }
    }
    for path in &files {
        let relative = path.strip_prefix(&src).unwrap();
        let module = relative
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string();
        graph.entry(module.clone()).or_default();
    }
    let modules: BTreeSet<String> = graph.keys().cloned().collect();
    for path in &files {
        let relative = path.strip_prefix(&src).unwrap();
        let parts: Vec<String> = relative
            .components()
            .map(|c| {
                c.as_os_str()
                    .to_string_lossy()
                    .trim_end_matches(".rs")
                    .to_string()
            })
            .collect();
        let module = parts[0].clone();
        // How deep the file's module is: `a.rs` and `a/mod.rs` are 1, `a/b.rs` is 2.
        let depth = parts.iter().filter(|p| p.as_str() != "mod").count();
        let file = format!("crates/core/src/{}", relative.display());
        let text = std::fs::read_to_string(path).unwrap();
        for (name, line) in references(&strip(&text), depth) {
            let target = if modules.contains(&name) {
                name
            } else if let Some(owner) = root_names.get(&name) {
                owner.clone()
            } else {
                panic!("{file}:{line}: `crate::{name}` is neither a module of the core nor re-exported by lib.rs");
            };
            if target != module {
                graph
                    .get_mut(&module)
                    .unwrap()
                    .entry(target)
                    .or_insert(Place {
                        file: file.clone(),
                        line,
                    });
            }
        }
    }
    graph
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The names lib.rs re-exports at the root (`pub use document::Document;`), each with its module.
fn root_reexports(lib: &str) -> BTreeMap<String, String> {
    let mut names = BTreeMap::new();
    for statement in lib.split(';') {
        let Some(path) = statement.trim().strip_prefix("pub use ") else {
            continue;
        };
        let Some((module, rest)) = path.split_once("::") else {
            continue;
        };
        let rest = rest.trim_start_matches('{').trim_end_matches('}');
        for item in rest.split(',') {
            let item = item.trim();
            let name = item
                .rsplit(" as ")
                .next()
                .unwrap()
                .rsplit("::")
                .next()
                .unwrap();
            if !name.is_empty() {
                names.insert(name.trim().to_string(), module.trim().to_string());
            }
        }
    }
    names
}

/// The top-level module each `crate::…` (or root-reaching `super::…`) path names, with its line, in order.
fn references(text: &str, depth: usize) -> Vec<(String, usize)> {
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let starts_word = i == 0 || !is_ident(chars[i - 1]);
        if !starts_word || !is_ident(chars[i]) {
            i += 1;
            continue;
        }
        let (word, mut j) = ident_at(&chars, i);
        let root = match word.as_str() {
            "crate" => true,
            "super" => {
                // `super::` as many times as the module is deep reaches the crate root.
                let mut climbs = 1;
                loop {
                    let after = skip_path_separator(&chars, j);
                    match after.map(|k| ident_at(&chars, k)) {
                        Some((next, end)) if next == "super" => {
                            climbs += 1;
                            j = end;
                        }
                        _ => break,
                    }
                }
                climbs >= depth
            }
            _ => false,
        };
        if root {
            if let Some(k) = skip_path_separator(&chars, j) {
                let line = chars[..i].iter().filter(|&&c| c == '\n').count() + 1;
                if chars.get(k) == Some(&'{') {
                    for name in group_heads(&chars, k) {
                        found.push((name, line));
                    }
                } else {
                    let (name, _) = ident_at(&chars, k);
                    found.push((name, line));
                }
            }
        }
        i = j.max(i + 1);
    }
    found
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn ident_at(chars: &[char], start: usize) -> (String, usize) {
    let mut end = start;
    while end < chars.len() && is_ident(chars[end]) {
        end += 1;
    }
    (chars[start..end].iter().collect(), end)
}

/// The index after `::` (spaces allowed around it), if `::` follows.
fn skip_path_separator(chars: &[char], mut i: usize) -> Option<usize> {
    while chars.get(i).is_some_and(|c| c.is_whitespace()) {
        i += 1;
    }
    if chars.get(i) != Some(&':') || chars.get(i + 1) != Some(&':') {
        return None;
    }
    i += 2;
    while chars.get(i).is_some_and(|c| c.is_whitespace()) {
        i += 1;
    }
    Some(i)
}

/// The first name of each entry of a `{a::b, c}` group starting at `open`.
fn group_heads(chars: &[char], open: usize) -> Vec<String> {
    let mut heads = Vec::new();
    let (mut depth, mut expect_head) = (0, true);
    for (i, &c) in chars.iter().enumerate().skip(open) {
        match c {
            '{' => {
                depth += 1;
                expect_head = depth == 1;
            }
            '}' => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            ',' if depth == 1 => expect_head = true,
            c if expect_head && depth == 1 && is_ident(c) => {
                heads.push(ident_at(chars, i).0);
                expect_head = false;
            }
            _ => {}
        }
    }
    heads
}

/// The source with comments, string and char literals and `#[cfg(test)]` items blanked out (newlines kept, so
/// line numbers stay true).
fn strip(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out: Vec<char> = Vec::with_capacity(chars.len());
    let blank = |c: char| if c == '\n' { '\n' } else { ' ' };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        // A raw string may follow a `b` (br"…"), but not another identifier character (a `for` before `#`).
        let prefix_ok = match i.checked_sub(1).map(|p| chars[p]) {
            Some('b') => i < 2 || !is_ident(chars[i - 2]),
            Some(p) => !is_ident(p),
            None => true,
        };
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.extend([' ', ' ']);
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.extend([' ', ' ']);
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(chars[i]));
                    i += 1;
                }
            }
        } else if c == 'r' && prefix_ok && matches!(next, Some('"') | Some('#')) {
            // A raw string: r"…", r#"…"#.
            let mut hashes = 0;
            let mut j = i + 1;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            let closing: Vec<char> = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes))
                .collect();
            j += 1;
            while j < chars.len() && !chars[j..].starts_with(&closing) {
                j += 1;
            }
            let end = (j + closing.len()).min(chars.len());
            out.extend(chars[i..end].iter().map(|&c| blank(c)));
            i = end;
        } else if c == '"' {
            let mut j = i + 1;
            while j < chars.len() && chars[j] != '"' {
                j += if chars[j] == '\\' { 2 } else { 1 };
            }
            let end = (j + 1).min(chars.len());
            out.extend(chars[i..end].iter().map(|&c| blank(c)));
            i = end;
        } else if c == '\'' {
            // A char literal ('x', '\n', '\u{…}'); otherwise a lifetime or a label, kept.
            let end = if next == Some('\\') {
                let mut j = i + 2;
                while j < chars.len() && chars[j] != '\'' {
                    j += 1;
                }
                Some(j + 1)
            } else if chars.get(i + 2) == Some(&'\'') {
                Some(i + 3)
            } else {
                None
            };
            match end {
                Some(end) => {
                    let end = end.min(chars.len());
                    out.extend(chars[i..end].iter().map(|&c| blank(c)));
                    i = end;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    without_test_items(&out)
}

/// Blanks each item marked `#[cfg(test)]`: up to its `;`, or through its braces.
fn without_test_items(chars: &[char]) -> String {
    const MARK: &str = "#[cfg(test)]";
    let mark: Vec<char> = MARK.chars().collect();
    let mut out = chars.to_vec();
    let mut i = 0;
    while i + mark.len() <= out.len() {
        if out[i..i + mark.len()] != mark[..] {
            i += 1;
            continue;
        }
        let mut j = i;
        let mut depth = 0;
        while j < out.len() {
            match out[j] {
                ';' if depth == 0 => break,
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                _ => {}
            }
            j += 1;
        }
        let end = (j + 1).min(out.len());
        for c in &mut out[i..end] {
            if *c != '\n' {
                *c = ' ';
            }
        }
        i = end;
    }
    out.into_iter().collect()
}

/// A cycle as the modules along it, first and last the same; the smallest module first, so the answer is stable.
fn find_cycle(graph: &Graph) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Open,
        Done,
    }
    fn visit(
        graph: &Graph,
        module: &str,
        marks: &mut BTreeMap<String, Mark>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        match marks.get(module) {
            Some(Mark::Done) => return None,
            Some(Mark::Open) => {
                let start = path.iter().position(|m| m == module).unwrap();
                let mut cycle = path[start..].to_vec();
                cycle.push(module.to_string());
                return Some(cycle);
            }
            None => {}
        }
        marks.insert(module.to_string(), Mark::Open);
        path.push(module.to_string());
        for next in graph.get(module).into_iter().flat_map(BTreeMap::keys) {
            if let Some(cycle) = visit(graph, next, marks, path) {
                return Some(cycle);
            }
        }
        path.pop();
        marks.insert(module.to_string(), Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    for module in graph.keys() {
        if let Some(cycle) = visit(graph, module, &mut marks, &mut Vec::new()) {
            return Some(cycle);
        }
    }
    None
}
