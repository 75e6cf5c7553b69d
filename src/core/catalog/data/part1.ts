import type { CatalogSeed } from '../index';

// Filled in by the catalog work (codes in the reference's order, part 1 of 2).
export const CATALOG_PART_1: CatalogSeed[] = [];
