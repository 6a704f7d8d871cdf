// The packaged VSIX: within its size budget, holding only what runs (no sources, tests, maps or test
// VS Code builds) and the images its README shows. Reads the real archive built by `npm run package`.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import yauzl from 'yauzl';

const root = join(__dirname, '..', '..');
const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string };
export const vsixPath = process.env.ENTRA_VSIX ?? join(root, `${name}-${version}.vsix`);
const MAX_BYTES = 2 * 1024 * 1024;

/** The text of one file in the archive. */
function readEntry(path: string, fileName: string): Promise<string> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName !== fileName) return zip.readEntry();
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            zip.close();
            resolve(Buffer.concat(chunks).toString('utf8'));
          });
          stream.on('error', reject);
        });
      });
      zip.on('end', () => reject(new Error(`${fileName} is not in ${path}`)));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** Relative image paths a Markdown text shows (`![alt](path)` and `<img src="path">`), without web links. */
function imagesOf(markdown: string): string[] {
  const paths = [...markdown.matchAll(/!\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g), ...markdown.matchAll(/<img\b[^>]*\bsrc=["']([^"']+)["']/gi)].map((m) => m[1]);
  return paths.filter((p) => !/^[a-z][\w+.-]*:/i.test(p)).map((p) => decodeURI(p.replace(/^\.\//, '').split(/[?#]/)[0]));
}

function entries(path: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      const names: string[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        names.push(entry.fileName);
        zip.readEntry();
      });
      zip.on('end', () => resolve(names));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** What an installed extension needs at run time (paths inside the VSIX's `extension/` folder). */
const runtimeFile = /^(package\.json|package\.nls(\.[\w-]+)?\.json|readme\.md|changelog\.md|LICENSE(\.txt)?|dist\/[\w./-]+\.(js|css)|media\/[\w./-]+\.(svg|png|css)|media\/[\w-]+\.schema\.json|l10n\/bundle\.l10n(\.[\w-]+)?\.json)$/;

describe('VSIX package', () => {
  before(function () {
    if (!existsSync(vsixPath)) throw new Error(`${vsixPath} is missing: run npm run package first.`);
  });

  it(`stays within ${MAX_BYTES / 1024 / 1024} MB`, () => {
    const size = statSync(vsixPath).size;
    assert.ok(size <= MAX_BYTES, `${(size / 1024 / 1024).toFixed(2)} MB`);
  });

  it('contains only files needed at run time', async () => {
    const files = (await entries(vsixPath)).filter((f) => f.startsWith('extension/')).map((f) => f.slice('extension/'.length));
    const unexpected = files.filter((f) => !runtimeFile.test(f));
    assert.deepEqual(unexpected, [], `unexpected files: ${unexpected.join(', ')}`);
    for (const banned of [/\.map$/, /\.ts$/, /^src\//, /^test\//, /\.vscode-test/, /node_modules/]) {
      assert.ok(!files.some((f) => banned.test(f)), `nothing matches ${banned}`);
    }
    for (const needed of ['package.json', 'dist/extension.js', 'dist/graphRuntime.js', 'dist/sandbox/cli.js', 'media/icon.png', 'media/provisioningFile.schema.json', 'readme.md']) {
      assert.ok(files.includes(needed), `${needed} is packed`);
    }
    assert.ok(files.some((f) => /^LICENSE(\.txt)?$/.test(f)), 'the license is packed');
  });

  it('contains every image the packed README shows (the extension page in VS Code loads them from the package)', async () => {
    const files = new Set(await entries(vsixPath));
    const images = imagesOf(await readEntry(vsixPath, 'extension/readme.md'));
    assert.ok(images.length >= 3, `README shows ${images.length} images`);
    assert.deepEqual(images.filter((image) => !files.has(`extension/${image}`)), [], 'shown by README.md but not packed');
  });
});
