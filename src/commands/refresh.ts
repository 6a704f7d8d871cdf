import type { Services } from './services';

/** Reloads the whole tree. */
export function refresh(services: Services): void {
  services.tree.refresh();
}
