//! `src/intern.js` without its comments, blank lines and indentation, as the glue embeds
//! it: the small package is held at 300 KB gzipped, and the comments are for readers of
//! the source. (No line of it opens a string or template literal that spans lines.)

use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("cargo::rerun-if-changed=src/intern.js");
    let source = std::fs::read_to_string("src/intern.js")?;
    let code: Vec<&str> = source
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("//"))
        .collect();
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?);
    std::fs::write(out.join("intern.js"), code.join("\n"))?;
    Ok(())
}
