//! Undo and redo of any value the officer edits (a document, a framework): one history for both, so that keystrokes
//! in one field make one step, a new edit clears what could be redone, and the oldest steps go past a cap, the same
//! way everywhere.

use std::collections::VecDeque;

/// How many steps back a history keeps.
pub const UNDO_STEPS: usize = 200;

/// Earlier versions to go back to, undone ones to go forward to, and what the last edit typed into.
#[derive(Clone, PartialEq, Debug)]
pub struct Undo<T> {
    undo: VecDeque<T>,
    redo: Vec<T>,
    last_key: Option<String>,
}

impl<T> Default for Undo<T> {
    fn default() -> Self {
        Undo {
            undo: VecDeque::new(),
            redo: Vec::new(),
            last_key: None,
        }
    }
}

impl<T> Undo<T> {
    /// Records `before`, the version an edit has just replaced. An edit with the same key as the last one (the
    /// next keystroke in one field) adds no step; an edit without a key is always a step of its own. What could be
    /// redone is gone; past [`UNDO_STEPS`] the oldest step goes.
    pub fn record(&mut self, before: T, key: Option<String>) {
        if key.is_none() || key != self.last_key {
            self.undo.push_back(before);
            if self.undo.len() > UNDO_STEPS {
                self.undo.pop_front();
            }
        }
        self.redo.clear();
        self.last_key = key;
    }

    /// The version before the last step, if any; `current` can then be redone. The next keystroke starts a new step.
    pub fn undo(&mut self, current: T) -> Option<T> {
        let previous = self.undo.pop_back()?;
        self.redo.push(current);
        self.last_key = None;
        Some(previous)
    }

    /// The version last undone, if any; `current` can then be undone again.
    pub fn redo(&mut self, current: T) -> Option<T> {
        let next = self.redo.pop()?;
        self.undo.push_back(current);
        if self.undo.len() > UNDO_STEPS {
            self.undo.pop_front();
        }
        self.last_key = None;
        Some(next)
    }

    /// The version `undo` would go back to (to tell what it belongs to before stepping).
    pub fn peek_undo(&self) -> Option<&T> {
        self.undo.back()
    }

    /// The version `redo` would go forward to.
    pub fn peek_redo(&self) -> Option<&T> {
        self.redo.last()
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Keeps only the steps (to undo and to redo) for which `keep` holds: the versions of something that is gone
    /// are no steps to go to.
    pub fn retain(&mut self, keep: impl Fn(&T) -> bool) {
        self.undo.retain(|version| keep(version));
        self.redo.retain(|version| keep(version));
    }

    /// Forgets every step (another document opened).
    pub fn clear(&mut self) {
        *self = Undo::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(k: &str) -> Option<String> {
        Some(k.to_string())
    }

    #[test]
    fn keystrokes_in_one_field_are_one_step_and_keyless_edits_each_their_own() {
        let mut history = Undo::default();
        assert!(!history.can_undo());
        history.record("", key("name"));
        history.record("a", key("name"));
        history.record("ab", key("other"));
        history.record("abc", None);
        history.record("abcd", None);
        assert_eq!(history.undo("abcde"), Some("abcd"));
        assert_eq!(history.undo("abcd"), Some("abc"));
        assert_eq!(history.undo("abc"), Some("ab"));
        assert_eq!(history.undo("ab"), Some(""), "a then ab were one step");
        assert_eq!(history.undo(""), None);
        assert!(!history.can_undo());
    }

    #[test]
    fn undo_then_redo_walks_back_and_forth() {
        let mut history = Undo::default();
        history.record(1, None);
        history.record(2, None);
        assert!(!history.can_redo());
        assert_eq!(history.undo(3), Some(2));
        assert!(history.can_redo());
        assert_eq!(history.undo(2), Some(1));
        assert_eq!(history.redo(1), Some(2));
        assert_eq!(history.redo(2), Some(3));
        assert_eq!(history.redo(3), None);
        assert_eq!(history.undo(3), Some(2));
    }

    #[test]
    fn a_new_edit_clears_redo() {
        let mut history = Undo::default();
        history.record(1, None);
        assert_eq!(history.undo(2), Some(1));
        assert!(history.can_redo());
        history.record(1, key("x"));
        assert!(!history.can_redo());
        assert_eq!(history.redo(5), None);
    }

    #[test]
    fn after_undo_the_same_field_starts_a_new_step() {
        let mut history = Undo::default();
        history.record("", key("name"));
        assert_eq!(history.undo("a"), Some(""));
        history.record("", key("name"));
        history.record("b", key("name"));
        assert_eq!(history.undo("bc"), Some(""));
        assert!(history.can_redo());
        // Redo resets the key too.
        assert_eq!(history.redo(""), Some("bc"));
        history.record("bc", key("name"));
        assert_eq!(history.undo("bcd"), Some("bc"));
        assert_eq!(history.undo("bc"), Some(""));
    }

    #[test]
    fn the_versions_of_something_gone_are_no_steps() {
        let mut history = Undo::default();
        history.record("a1", key("a"));
        history.record("b1", key("b"));
        history.record("a2", key("a"));
        assert_eq!(history.undo("a3"), Some("a2"));
        history.retain(|v| !v.starts_with('a'));
        assert!(!history.can_redo(), "a3 was of a");
        assert_eq!(history.undo("x"), Some("b1"));
        assert!(!history.can_undo(), "a1 was of a");
    }

    #[test]
    fn the_oldest_steps_go_past_the_cap() {
        let mut history = Undo::default();
        for n in 0..UNDO_STEPS + 5 {
            history.record(n, None);
        }
        let mut back = Vec::new();
        let mut current = UNDO_STEPS + 5;
        while let Some(previous) = history.undo(current) {
            back.push(previous);
            current = previous;
        }
        assert_eq!(back.len(), UNDO_STEPS);
        assert_eq!(back.last(), Some(&5), "0 to 4 were dropped");
        assert_eq!(back.first(), Some(&(UNDO_STEPS + 4)));
    }

    #[test]
    fn clear_forgets_everything() {
        let mut history = Undo::default();
        history.record(1, key("x"));
        history.record(2, None);
        assert_eq!(history.undo(3), Some(2));
        history.clear();
        assert_eq!(history, Undo::default());
        assert!(!history.can_undo() && !history.can_redo());
        // The key is gone too: the same field is a new step.
        history.record(1, key("x"));
        history.record(2, key("x"));
        assert_eq!(history.undo(3), Some(1));
        assert!(!history.can_undo());
    }
}
