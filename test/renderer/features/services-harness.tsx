/** The app's services around a component under test: fake IndexedDB storage, the Nord référentiel. */
import type { ReactNode } from 'react';
import { NORD_2023 } from '../../../shared/referential';
import { ServicesContext, type Services } from '../../../renderer/app/services';
import { createBrowserPlatform } from '../../../renderer/platform';
import type { StorageContext } from '../../../renderer/storage';

export function servicesFor(storage: StorageContext, today: string): Services {
  let n = 0;
  return {
    storage,
    platform: createBrowserPlatform(),
    referential: NORD_2023,
    today: () => today,
    now: () => `${today}T10:00:00.000Z`,
    newId: () => `new-${++n}`,
    persistence: null,
    demo: false,
  };
}

export function WithServices({ services, children }: { services: Services; children: ReactNode }) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}
