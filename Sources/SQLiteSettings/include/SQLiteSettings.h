#ifndef SUMMITKB_SQLITE_SETTINGS_H
#define SUMMITKB_SQLITE_SETTINGS_H

/// Turns off SQLite's memory statistics (`SQLITE_CONFIG_MEMSTATUS`) for the whole process.
///
/// With statistics on, every allocation SQLite makes takes a process-wide mutex to count
/// itself; nothing in SummitKB reads the counts. `sqlite3_config` is variadic, which Swift
/// cannot call, hence this C function.
///
/// Only effective before SQLite initializes, that is before the process opens its first
/// database; later it changes nothing and returns `SQLITE_MISUSE`.
///
/// @return `SQLITE_OK` when the setting took effect.
int summitkb_sqlite_disable_memory_statistics(void);

#endif
