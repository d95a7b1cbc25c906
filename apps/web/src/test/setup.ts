// IndexedDB for the offline queue (happy-dom has none): an in-memory implementation per test file.
import "fake-indexeddb/auto";
