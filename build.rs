//! The page's wasm is split into parts after the build (scripts/split_parts.py), which needs the linker's
//! relocations. Only for the page's binary with the `parts` feature: the export worker's wasm is not split, and
//! wasm-opt could not shrink it with the relocations kept.
fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|arch| arch == "wasm32");
    if wasm && std::env::var_os("CARGO_FEATURE_PARTS").is_some() {
        println!("cargo:rustc-link-arg-bin=zipin-web=--emit-relocs");
    }
}
