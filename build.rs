//! Links the `communique` binary as a fixed-address executable on Linux.
//!
//! A position-independent executable makes the dynamic loader apply about
//! 25,000 relocations and copy 600 KB of tables before `main` runs: half
//! the instructions of `communique --version`, and a large part of every
//! search, which is one short process.

fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
