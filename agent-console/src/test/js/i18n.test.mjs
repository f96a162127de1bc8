// The label tables: one JSON file per language, every key in each of them, the same placeholders
// in both, and every key the console names literally (in its modules and pages) present.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';

const webroot = new URL('../../main/resources/webroot/', import.meta.url);
const read = (path) => readFileSync(new URL(path, webroot), 'utf8');

const i18nSource = read('js/i18n.js');
const declared = JSON.parse(/export const LANGUAGES = (\[[^\]]*\]);/.exec(i18nSource)[1].replaceAll("'", '"'));
const tables = Object.fromEntries(declared.map((lang) => [lang, JSON.parse(read(`i18n/${lang}.json`))]));

function placeholders(text) {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
}

test('one table per declared language, and no other', () => {
  assert.deepEqual(declared.toSorted(), ['en', 'zh-CN']);
  const files = readdirSync(new URL('i18n/', webroot)).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5));
  assert.deepEqual(files.toSorted(), declared.toSorted());
});

test('every key is in every language', () => {
  const all = new Set(Object.values(tables).flatMap((table) => Object.keys(table)));
  for (const [lang, table] of Object.entries(tables)) {
    const missing = [...all].filter((key) => !(key in table));
    assert.deepEqual(missing, [], `keys missing in i18n/${lang}.json`);
  }
});

test('every label is a non-empty string with the same placeholders in every language', () => {
  const [first, ...others] = Object.keys(tables);
  for (const [key, text] of Object.entries(tables[first])) {
    for (const lang of [first, ...others]) {
      const value = tables[lang][key];
      assert.equal(typeof value, 'string', `${lang} ${key}`);
      assert.ok(value.trim().length > 0, `${lang} ${key} is empty`);
      assert.deepEqual(placeholders(value), placeholders(text), `${key}: placeholders differ between ${first} and ${lang}`);
    }
  }
});

test('every key named literally in the console\'s modules and pages has a label', () => {
  const used = new Set();
  for (const file of readdirSync(new URL('js/', webroot)).filter((f) => f.endsWith('.js'))) {
    const src = read(`js/${file}`);
    // t('key', …), tOr('key', …); the case form's label('id', 'key') and noteArea('key', …);
    // missing('field', 'key') in case-steps.js; dataset.sinceKey = 'key' (ticks.js shows it).
    for (const m of src.matchAll(/\b(?:t|tOr|noteArea)\(\s*'([^'$]+)'/g)) used.add(m[1]);
    for (const m of src.matchAll(/\b(?:label|missing)\(\s*'[^']*',\s*'([^'$]+)'/g)) used.add(m[1]);
    for (const m of src.matchAll(/sinceKey\s*=\s*'([^']+)'/g)) used.add(m[1]);
  }
  for (const page of readdirSync(webroot).filter((f) => f.endsWith('.html'))) {
    const html = read(page);
    for (const m of html.matchAll(/data-i18n="([^"]+)"/g)) used.add(m[1]);
    for (const m of html.matchAll(/data-i18n-attr="([^"]+)"/g)) {
      for (const pair of m[1].split(';')) used.add(pair.split(':')[1].trim());
    }
  }
  assert.ok(used.size > 100, `found only ${used.size} keys: the scan no longer matches the code`);
  for (const [lang, table] of Object.entries(tables)) {
    const missing = [...used].filter((key) => !(key in table));
    assert.deepEqual(missing, [], `keys used but missing in i18n/${lang}.json`);
  }
});
