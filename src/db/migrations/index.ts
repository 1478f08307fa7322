import { InitialSchema1764374400000 } from "./1764374400000-initial-schema";
import { SeedCountries1764374400001 } from "./1764374400001-seed-countries";
import { IngestState1764374400002 } from "./1764374400002-ingest-state";
import { ApiKeys1764374500000 } from "./1764374500000-api-keys";
import { EntityRollups1764374600000 } from "./1764374600000-entity-rollups";
import { EventCentroidLz41764374700000 } from "./1764374700000-event-centroid-lz4";
import { EventVersion1764374800000 } from "./1764374800000-event-version";
import { EventMergedIntoIndex1764374900000 } from "./1764374900000-event-merged-into-index";
import { DedupBandsArray1764375000000 } from "./1764375000000-dedup-bands-array";
import { CountryNameColumns1764375100000 } from "./1764375100000-country-name-columns";
import { ArticleTextLz41764375200000 } from "./1764375200000-article-text-lz4";
import { EventKeySixHours1764375300000 } from "./1764375300000-event-key-six-hours";
import { TranslitHamzaAl1764375400000 } from "./1764375400000-translit-hamza-al";
import { ArticleCountryCodes1764375500000 } from "./1764375500000-article-country-codes";
import { ArticleTextTable1764375600000 } from "./1764375600000-article-text-table";

/** In order; TypeORM runs those not yet recorded in the migrations table. */
export const MIGRATIONS = [
  InitialSchema1764374400000,
  SeedCountries1764374400001,
  IngestState1764374400002,
  ApiKeys1764374500000,
  EntityRollups1764374600000,
  EventCentroidLz41764374700000,
  EventVersion1764374800000,
  EventMergedIntoIndex1764374900000,
  DedupBandsArray1764375000000,
  CountryNameColumns1764375100000,
  ArticleTextLz41764375200000,
  EventKeySixHours1764375300000,
  TranslitHamzaAl1764375400000,
  ArticleCountryCodes1764375500000,
  ArticleTextTable1764375600000,
];
