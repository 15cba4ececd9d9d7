// Types of minify-literals.js (used by rollup.config.js and by src/minify-literals.test.ts).
export type Rewrite = (text: string, tag: string, first: boolean, last: boolean) => string;
export function rewriteTemplates(source: string, rewrite: Rewrite): string;
export function collapse(text: string): string;
export function minifyCss(text: string, first?: boolean, last?: boolean): string;
export function minifyHtml(text: string, first: boolean, last: boolean): string;
export function minifyLiterals(): {
  name: string;
  transform(code: string, id: string): { code: string; map: null } | null;
};
