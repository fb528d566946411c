/**
 * What the professionals read when a sync or an enrolment fails, in French: one set for both
 * transports (the browser build's fetch in the renderer, Electron's net.fetch in the main process).
 */
export const TRANSPORT_MESSAGES = {
  network: 'Le serveur du département est injoignable. Les données restent sur ce poste.',
  timeout: "Le serveur du département n'a pas répondu à temps. Les données restent sur ce poste.",
  invalidResponse: 'Le serveur a envoyé une réponse illisible.',
  notEnrolled: "Ce poste n'est pas encore enrôlé auprès du serveur du département.",
  refused: "Le code d'enrôlement a été refusé (inconnu, déjà utilisé ou expiré).",
  tooManyAttempts:
    "Trop de codes d'enrôlement refusés depuis ce réseau : réessayez dans un quart d'heure.",
  invalidUrl:
    'Adresse du serveur invalide : attendu une adresse comme https://codiag.departement.fr',
  insecureUrl:
    'Adresse du serveur refusée : utilisez https:// (http:// seulement sur cet ordinateur, 127.0.0.1 ou localhost).',
  noServer: "L'adresse du serveur du département n'est pas configurée.",
  tooLarge: 'Le serveur a envoyé une réponse trop volumineuse.',
  wrongOrigin: 'Chemin de synchronisation refusé.',
} as const;
