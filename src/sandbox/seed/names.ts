// Word lists for generated people and apps. Invented, culture-mixed, no real persons intended.

/** Given names. */
export const GIVEN_NAMES = [
  'Ada', 'Bruno', 'Chen', 'Dalia', 'Emeka', 'Farah', 'Gustav', 'Hana', 'Ivan', 'Jamila', 'Kenji', 'Lucia', 'Mateo', 'Nadia',
  'Oskar', 'Priya', 'Quentin', 'Rosa', 'Sven', 'Tomoko', 'Umar', 'Valeria', 'Wen', 'Ximena', 'Yusuf', 'Zofia', 'Amara', 'Bodhi',
  'Chiara', 'Dmitri', 'Elif', 'Finn', 'Greta', 'Hugo', 'Ines', 'Jonas', 'Keira', 'Liam', 'Mei', 'Noah',
];

/** Family names. */
export const SURNAMES = [
  'Abara', 'Berg', 'Castillo', 'Dubois', 'Eriksen', 'Fontaine', 'Gallo', 'Hoffmann', 'Ito', 'Jansen', 'Kowalski', 'Lindqvist',
  'Moreau', 'Nakamura', 'Okafor', 'Petrov', 'Quinn', 'Rossi', 'Sato', 'Tanaka', 'Ueda', 'Vargas', 'Weber', 'Xu', 'Yilmaz', 'Zhang',
  'Alvarez', 'Brennan', 'Costa', 'Dahl',
];

/** Departments (also the names of generated department groups). */
export const DEPARTMENTS = ['Sales', 'Engineering', 'Marketing', 'Finance', 'Human Resources', 'Support', 'Operations', 'Legal'];

/** Job titles. */
export const JOB_TITLES = ['Engineer', 'Senior Engineer', 'Manager', 'Analyst', 'Consultant', 'Director', 'Specialist', 'Associate'];

/** Countries with a city and a preferred language. */
export const LOCATIONS: { country: string; city: string; language: string }[] = [
  { country: 'US', city: 'Seattle', language: 'en-US' }, { country: 'US', city: 'Austin', language: 'en-US' },
  { country: 'GB', city: 'London', language: 'en-GB' }, { country: 'DE', city: 'Berlin', language: 'de-DE' },
  { country: 'FR', city: 'Lyon', language: 'fr-FR' }, { country: 'NL', city: 'Utrecht', language: 'nl-NL' },
  { country: 'IN', city: 'Pune', language: 'en-IN' }, { country: 'JP', city: 'Osaka', language: 'ja-JP' },
  { country: 'CA', city: 'Toronto', language: 'en-CA' }, { country: 'AU', city: 'Perth', language: 'en-AU' },
];

/** Names for extra enterprise apps (`--apps`). */
export const APP_NAMES = [
  'Fabrikam Wiki', 'Northwind Expenses', 'Tailspin Travel', 'Litware Docs', 'Adatum HR', 'Wingtip Tickets', 'Proseware CRM',
  'Woodgrove Payroll', 'Lamna Learning', 'Relecloud Storage', 'Alpine Ski Booking', 'Coho Vineyard Portal',
];
