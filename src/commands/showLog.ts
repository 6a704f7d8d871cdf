import type { Services } from './services';

/** Reveals the extension's log channel. */
export function showLog(services: Services): void {
  services.logger.show();
}
