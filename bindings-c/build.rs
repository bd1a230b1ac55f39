//! Gives the shared library an ELF soname with the ABI's major version, so programs record
//! `libchatwoot_identity.so.0` and a future incompatible `.so.1` can be installed beside it.

fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    // ELF platforms only; macOS names dylibs through install_name, Windows has no soname.
    if matches!(
        os.as_str(),
        "linux" | "android" | "freebsd" | "netbsd" | "openbsd"
    ) {
        let major = std::env::var("CARGO_PKG_VERSION_MAJOR").expect("set by cargo");
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libchatwoot_identity.so.{major}");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
