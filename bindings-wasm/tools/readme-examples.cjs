// Writes the README's ```js blocks as files for the checks in the test command:
//   node test/readme.cjs DIR  ->  DIR/readme-N.mjs (run by Node) and DIR/readme-N.ts
//   (checked by tsc --strict), with DIR/node_modules/tamat linked to this package.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { ROOT } = require("../test/common.cjs");

const dir = path.resolve(process.argv[2]);
const text = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
const blocks = [...text.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
if (blocks.length < 2) throw new Error("the README has no JavaScript examples");
fs.mkdirSync(path.join(dir, "node_modules"), { recursive: true });
const link = path.join(dir, "node_modules", "tamat");
if (!fs.existsSync(link)) fs.symlinkSync(path.resolve(__dirname, ".."), link, "dir");
blocks.forEach((b, i) => {
  fs.writeFileSync(path.join(dir, `readme-${i + 1}.mjs`), b);
  fs.writeFileSync(path.join(dir, `readme-${i + 1}.ts`), b);
});
fs.writeFileSync(
  path.join(dir, "tsconfig.json"),
  JSON.stringify(
    {
      compilerOptions: {
        strict: true,
        noEmit: true,
        target: "es2022",
        module: "nodenext",
        moduleResolution: "nodenext",
        types: ["node"],
        typeRoots: [path.resolve(__dirname, "..", "node_modules", "@types")],
        skipLibCheck: false,
      },
      include: ["*.ts"],
    },
    null,
    2,
  ),
);
console.log(blocks.length);
