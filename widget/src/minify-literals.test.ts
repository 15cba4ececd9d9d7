// The embed's template minifier (widget/build/minify-literals.js), on the shapes of source the widget uses.
import { minifyCss, minifyHtml, rewriteTemplates } from '../build/minify-literals.js';
import { equal } from './test/assert.js';

/** Minifies every html`` and css`` literal of `source` the way the embed build does. */
const minify = (source: string) =>
  rewriteTemplates(source, (text, tag, first, last) =>
    tag === 'html'
      ? minifyHtml(text, first, last)
      : tag === 'css'
        ? minifyCss(text, first, last)
        : text.replace(/\s*\n\s*/g, ' '),
  );

describe('minify-literals (embed build)', () => {
  it('drops formatting whitespace and simple attribute quotes from html templates', () => {
    equal(
      minify(
        'html`<section\n  id="panel"\n  role=${r}\n  aria-label=${l}\n  ?hidden=${h}\n>\n  <h2 part="heading">${t}</h2>\n  ${a}\n  ${b}\n</section>`',
      ),
      'html`<section id=panel role=${r} aria-label=${l} ?hidden=${h}><h2 part=heading>${t}</h2>${a}${b}</section>`',
    );
  });

  it('keeps quotes where needed, spaces between text bindings, and self-closing slashes', () => {
    equal(
      minify(
        'html`<a rel="noopener noreferrer" class="a b">${x} ${y}</a><svg viewBox="0 0 24 24"><path d="M6 6l12 12" /></svg><i id="x"/>`',
      ),
      'html`<a rel="noopener noreferrer" class="a b">${x} ${y}</a><svg viewBox="0 0 24 24"><path d="M6 6l12 12"/></svg><i id="x"/>`',
    );
  });

  it('leaves code, strings, regular expressions and untagged literals alone, but follows nesting', () => {
    const source =
      "const re = /[\"'`]/g; const s = '`<b>  x</b>`';\nconst t = `a  ${b ? html`<i class=\"c\" > ${'}'} </i>` : ''}  d`;";
    equal(
      minify(source),
      "const re = /[\"'`]/g; const s = '`<b>  x</b>`';\nconst t = `a  ${b ? html`<i class=c>${'}'}</i>` : ''}  d`;",
    );
  });

  it('shortens CSS punctuation without changing values', () => {
    equal(
      minifyCss(
        `\n  :host([theme='dark']) {\n    /* note */\n    font: 15px / 1.4 a, b;\n    margin: 0.5em 10.5px 0 1.05em;\n    display: none !important;\n  }\n`,
      ),
      ':host([theme=dark]){font:15px/1.4 a,b;margin:.5em 10.5px 0 1.05em;display:none!important}',
    );
  });
});
