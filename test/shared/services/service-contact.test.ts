import { describe, expect, it } from 'vitest';
import { ServiceSchema, serviceContactLine } from '../../../shared/services';
import { serviceInput } from './fixtures';

describe('serviceContactLine', () => {
  it('gives the name, the address, the phone and the e-mail', () => {
    const service = ServiceSchema.parse(
      serviceInput({
        id: 'test--atelier',
        nom: 'Atelier numérique fictif',
        adresse: '12 rue des Essais',
        complement_adresse: 'Bâtiment B',
        code_postal: '59100',
        commune: 'Roubaix',
        telephone: '03 00 00 00 00',
        courriel: 'atelier@example.org',
      }),
    );
    expect(serviceContactLine(service)).toBe(
      'Atelier numérique fictif — 12 rue des Essais, Bâtiment B, 59100 Roubaix — tél. 03 00 00 00 00 — atelier@example.org',
    );
  });

  it('leaves out what the catalogue does not know', () => {
    const service = ServiceSchema.parse(
      serviceInput({ id: 'test--sans-adresse', nom: 'Service sans adresse', commune: 'Lille' }),
    );
    expect(serviceContactLine(service)).toBe('Service sans adresse — Lille');
  });
});
