#!/usr/bin/env bash
# Builds the WebAssembly package into bindings-wasm/pkg/:
#   pkg/node/  CommonJS for Node (`require("tamat")`)
#   pkg/web/   ES module for browsers (`import init, {...} from "./tamat.js"`)
#   pkg/site/  the verification site's page (`tamat publish --verifier bindings-wasm/pkg/site`)
#   pkg/small/node/, pkg/small/web/  the small package (`require("tamat/small")`):
#              evaluation (CSV, JSON, columns) and eddsa-jcs-2022 verification, with the
#              zones named by TAMAT_SMALL_ZONES (default: Indonesia's four and UTC), held
#              at 300 KB gzipped
# with TypeScript declarations, optimised by wasm-opt (npm `binaryen`) when present.
# Needs the wasm32 target and wasm-bindgen-cli at the crate's version
# (scripts/install-wasm-bindgen); `npm ci` in bindings-wasm/ brings binaryen.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$root"
cargo build -q -p tamat-wasm --target wasm32-unknown-unknown --profile wasm-release
wasm="$root/target/wasm32-unknown-unknown/wasm-release/tamat_wasm.wasm"
rm -rf "$here/pkg/node" "$here/pkg/web"
wasm-bindgen --target nodejs --out-dir "$here/pkg/node" --out-name tamat "$wasm"
wasm-bindgen --target web --out-dir "$here/pkg/web" --out-name tamat "$wasm"
opt="$here/node_modules/.bin/wasm-opt"
optimise() {
  "$opt" "$@" --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals
}
if [ -x "$opt" ]; then
  for t in node web; do
    w="$here/pkg/$t/tamat_bg.wasm"
    optimise -Os "$w" -o "$w.opt" && mv "$w.opt" "$w"
  done
fi
# The verification site's page (what `tamat publish --verifier` copies): site/ with the
# web build beside it.
rm -rf "$here/pkg/site"
mkdir -p "$here/pkg/site/pkg"
cp "$here/site/index.html" "$here/site/verify.js" "$here/site/style.css" "$here/pkg/site/"
cp "$here/pkg/web/tamat.js" "$here/pkg/web/tamat_bg.wasm" "$here/pkg/site/pkg/"
printf '{ "type": "commonjs" }\n' > "$here/pkg/node/package.json"
printf '{ "type": "module" }\n' > "$here/pkg/web/package.json"
# Gzipped size as the tests measure it (Node's zlib, level 9; `gzip -9` gives a few KB
# less on the same file).
size_of() {
  raw=$(wc -c < "$1")
  gz=$(node -e 'process.stdout.write(String(require("zlib").gzipSync(require("fs").readFileSync(process.argv[1]), { level: 9 }).length))' "$1")
  echo "$1: $raw bytes raw, $gz bytes gzipped"
}
size_of "$here/pkg/web/tamat_bg.wasm"
# The full package's size is held: a change that grows it past this fails the build.
limit=1650000
if [ -x "$opt" ] && [ "$gz" -gt "$limit" ]; then
  echo "tamat_bg.wasm is $gz bytes gzipped, over the $limit held by bindings-wasm/build.sh" >&2
  exit 1
fi

# The small package: no contract operation but `verify`, no workbooks, no
# eddsa-rdfc-2022, no PDF reading, only some zones (chrono-tz compiles the zones
# CHRONO_TZ_TIMEZONE_FILTER names; another zone is `course.invalid_time_zone` naming the
# ones carried), the same results for the rest: code optimised for size (opt-level z,
# wasm-opt -Oz), ryu-js's computed tables, sha2's compact rounds. Its own target folder,
# so the full build's artefacts are not rebuilt with its settings.
zones="${TAMAT_SMALL_ZONES:-^(Asia/(Jakarta|Pontianak|Makassar|Jayapura)|UTC|Etc/UTC)\$}"
CHRONO_TZ_TIMEZONE_FILTER="$zones" CARGO_PROFILE_WASM_RELEASE_OPT_LEVEL=z CARGO_TARGET_DIR="$root/target/wasm-small" \
  RUSTFLAGS='--cfg sha2_backend_soft="compact"' \
  cargo build -q -p tamat-wasm --target wasm32-unknown-unknown --profile wasm-release --no-default-features --features zone-filter,small
small="$root/target/wasm-small/wasm32-unknown-unknown/wasm-release/tamat_wasm.wasm"
rm -rf "$here/pkg/small"
wasm-bindgen --target nodejs --out-dir "$here/pkg/small/node" --out-name tamat "$small"
wasm-bindgen --target web --out-dir "$here/pkg/small/web" --out-name tamat "$small"
for t in node web; do
  w="$here/pkg/small/$t/tamat_bg.wasm"
  if [ -x "$opt" ]; then
    optimise -Oz --converge "$w" -o "$w.opt" && mv "$w.opt" "$w"
  fi
done
printf '{ "type": "commonjs" }\n' > "$here/pkg/small/node/package.json"
printf '{ "type": "module" }\n' > "$here/pkg/small/web/package.json"
size_of "$here/pkg/small/web/tamat_bg.wasm"
# The issue's goal for evaluation and verification in the browser: at most 300 KB
# gzipped (300,000 bytes), for the default zones.
small_limit=300000
if [ -x "$opt" ] && [ -z "${TAMAT_SMALL_ZONES:-}" ] && [ "$gz" -gt "$small_limit" ]; then
  echo "the small package is $gz bytes gzipped, over the $small_limit held by bindings-wasm/build.sh" >&2
  exit 1
fi
