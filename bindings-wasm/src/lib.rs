//! WebAssembly bindings of tamat.
