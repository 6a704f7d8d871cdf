/**
 * A list that draws only the rows in view (plus a few around them): rows have one fixed height, a
 * spacer gives the scroll bar the full height, and the drawn rows are placed absolutely. A hundred
 * thousand rows cost what forty do.
 */
import { h } from '../components';

export const ROW_HEIGHT = 24;
const OVERSCAN = 8;

export class VirtualList {
  readonly element: HTMLElement;
  private readonly spacer: HTMLElement;
  private count = 0;
  private pending = 0;
  private drawn = new Map<number, HTMLElement>();

  constructor(
    private readonly renderRow: (index: number) => HTMLElement,
    label: string,
    private readonly onScrolled: (scrollTop: number) => void,
  ) {
    this.spacer = h('div', { class: 'spacer' });
    this.element = h('div', { class: 'results', role: 'listbox', tabindex: '0', 'aria-label': label, 'data-testid': 'results' }, this.spacer);
    this.element.addEventListener('scroll', () => {
      this.schedule();
      this.onScrolled(this.element.scrollTop);
    });
    new ResizeObserver(() => this.schedule()).observe(this.element);
  }

  /** Sets the number of rows and redraws every row in view (their content may have changed). */
  reset(count: number): void {
    this.count = count;
    this.spacer.style.height = `${count * ROW_HEIGHT}px`;
    for (const row of this.drawn.values()) row.remove();
    this.drawn.clear();
    this.schedule();
  }

  /** Redraws one row if it is drawn (its selection changed). */
  redraw(index: number): void {
    const old = this.drawn.get(index);
    if (!old) return;
    const row = this.place(index);
    old.replaceWith(row);
    this.drawn.set(index, row);
  }

  scrollTo(top: number): void {
    this.element.scrollTop = top;
    this.schedule();
  }

  /** Scrolls just enough to show a row. */
  reveal(index: number): void {
    const top = index * ROW_HEIGHT;
    const view = this.element.clientHeight;
    if (top < this.element.scrollTop) this.element.scrollTop = top;
    else if (top + ROW_HEIGHT > this.element.scrollTop + view) this.element.scrollTop = top + ROW_HEIGHT - view;
    this.schedule();
  }

  /** How many rows fit in view (page up/down). */
  get visibleRows(): number {
    return Math.max(1, Math.floor(this.element.clientHeight / ROW_HEIGHT));
  }

  private schedule(): void {
    if (this.pending) return;
    this.pending = requestAnimationFrame(() => {
      this.pending = 0;
      this.draw();
    });
  }

  private place(index: number): HTMLElement {
    const row = this.renderRow(index);
    row.style.top = `${index * ROW_HEIGHT}px`;
    return row;
  }

  private draw(): void {
    const top = this.element.scrollTop;
    const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(this.count - 1, Math.ceil((top + this.element.clientHeight) / ROW_HEIGHT) + OVERSCAN);
    for (const [index, row] of this.drawn) {
      if (index < first || index > last) {
        row.remove();
        this.drawn.delete(index);
      }
    }
    for (let i = first; i <= last; i++) {
      if (this.drawn.has(i)) continue;
      const row = this.place(i);
      this.element.append(row);
      this.drawn.set(i, row);
    }
  }
}
