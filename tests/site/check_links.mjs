// Every internal link and #anchor of the built site, checked with check-html-links (npm
// devDependency, test-time only): `node tests/site/check_links.mjs SITE_DIR` prints a JSON list
// of the broken ones, `[]` when there are none. Run by tests/site/test_links.py.
//
// The package's own command line exits 0 even when it finds broken links (0.2.4), so its
// library is used instead. External links are not fetched (the site makes no request elsewhere).
import fs from "node:fs";
import path from "node:path";
import { validateFolder } from "check-html-links";

const root = path.resolve(process.argv[2] || "site");

/** A link to a folder without the final slash (MkDocs' `..` to the home page): a web server
 * answers it with the folder's index.html, so it is broken only if that page lacks the anchor. */
function servedAsFolder(target, anchor) {
  const index = path.join(target, "index.html");
  if (!fs.existsSync(target) || !fs.statSync(target).isDirectory() || !fs.existsSync(index)) return false;
  return !anchor || fs.readFileSync(index, "utf-8").includes(`id="${anchor}"`);
}

const broken = [];
for (const target of await validateFolder(root)) {
  for (const use of target.usage) {
    const from = path.relative(root, use.file);
    // MkDocs' 404 page is served at any missing address, so its links are root-absolute by
    // design (`/.`, `/assets/…`): valid only when the site sits at a domain's root.
    if (from === "404.html" && use.value.startsWith("/")) continue;
    if (servedAsFolder(target.filePath, use.anchor)) continue;
    broken.push({ from, line: use.line, link: use.value, missing: path.relative(root, target.filePath) });
  }
}
console.log(JSON.stringify(broken, null, 1));
