/** How the person reaches a service, as the contract prints it (DOMAIN §3: the first actions). */
import type { Service } from './service-schema';

/**
 * One line with what the catalogue knows: the service's name, its address, phone and e-mail
 * (missing parts are left out, never shown empty).
 */
export function serviceContactLine(service: Service): string {
  const town = [service.code_postal, service.commune].filter(Boolean).join(' ');
  const address = [service.adresse, service.complement_adresse, town].filter(Boolean).join(', ');
  return [
    service.nom,
    address,
    service.telephone ? `tél. ${service.telephone}` : '',
    service.courriel ?? '',
  ]
    .filter(Boolean)
    .join(' — ');
}
