import { InitialSchema1764374400000 } from "./1764374400000-initial-schema";
import { SeedCountries1764374400001 } from "./1764374400001-seed-countries";

/** In order; TypeORM runs those not yet recorded in the migrations table. */
export const MIGRATIONS = [InitialSchema1764374400000, SeedCountries1764374400001];
