/** Text from the tenant or a target app, made inert inside a Markdown tooltip (no links, images or markup). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

/** Text shown as inline code: backticks inside would end the span, so they are replaced. */
export function inlineCode(text: string): string {
  return `\`${text.replace(/`/g, 'ˋ').replace(/\r?\n/g, ' ')}\``;
}
