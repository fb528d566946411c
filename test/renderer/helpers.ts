/** Test helpers for the renderer: a fresh fake IndexedDB per test and sample people. */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { fakeBeneficiary, seededRandom } from '../../shared/demo/fake-people';
import { newInterview, type Beneficiary, type Interview } from '../../shared/domain';
import {
  openStorage,
  type Migration,
  type PayloadCodec,
  type StorageContext,
} from '../../renderer/storage';

export const TODAY = '2026-03-02';
export const NOW = '2026-03-02T09:00:00.000Z';

export function freshFactory(): IDBFactory {
  return new IDBFactory();
}

export function open(
  factory: IDBFactory,
  options: { codec?: PayloadCodec; migrations?: readonly Migration[]; name?: string } = {},
): Promise<StorageContext> {
  let tick = 0;
  return openStorage({
    indexedDB: factory,
    IDBKeyRange,
    now: () => new Date(Date.parse(NOW) + 1000 * tick++).toISOString(),
    ...options,
  });
}

export function samplePerson(index = 0): Beneficiary {
  return fakeBeneficiary(seededRandom(7 + index), index, TODAY);
}

export function sampleInterview(index = 0): Interview {
  return newInterview({
    id: `itw-${index}`,
    beneficiary: samplePerson(index),
    date: TODAY,
    place: 'Tourcoing',
    now: NOW,
  });
}
