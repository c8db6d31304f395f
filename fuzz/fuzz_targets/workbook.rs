#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| tamat_fuzz::run("workbook", data));
