/**
 * The db layer's public surface: open the store; recognise its two start-up failures.
 */
export { DATABASE_FILE_NAME, createStore, openStore, type OpenStoreOptions } from './store';
export { DatabaseCorruptError, openDatabase, type Database } from './connection';
export { MigrationError, loadMigrations, migrate, migrationsDir, type Migration } from './migrate';
