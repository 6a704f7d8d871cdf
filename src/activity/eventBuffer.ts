import type { ActivityEvent } from './types';

/** The most recent events by id, oldest dropped first: what the details command can open without a request. */
export class EventBuffer {
  private readonly events = new Map<string, ActivityEvent>();

  constructor(readonly capacity = 5000) {}

  get size(): number {
    return this.events.size;
  }

  add(events: readonly ActivityEvent[]): void {
    for (const event of events) {
      if (!event.id) continue;
      this.events.delete(event.id);
      this.events.set(event.id, event);
    }
    for (const id of this.events.keys()) {
      if (this.events.size <= this.capacity) break;
      this.events.delete(id);
    }
  }

  get(id: string): ActivityEvent | undefined {
    return this.events.get(id);
  }

  /** The last `n` events, newest first. */
  recent(n: number): ActivityEvent[] {
    return [...this.events.values()].slice(-n).reverse();
  }

  clear(): void {
    this.events.clear();
  }
}
