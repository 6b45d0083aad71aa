/* The floor of the cohort report's scan: SQLite reading the seven columns the report folds,
 * for every row of the event table, and nothing else (no fold, no allocation).
 *
 *   cc -O2 Benchmarks/scan-floor.c -lsqlite3 -o scan-floor
 *   ./scan-floor OUT_DIR/cohort.sqlite      # the store report-bench.sh generates
 *
 * Prints the rows read and the milliseconds taken, from opening the file to the last row. */
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s STORE\n", argv[0]);
        return 64;
    }
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    sqlite3 *db;
    sqlite3_stmt *statement;
    if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK
        || sqlite3_prepare_v2(db, "SELECT enrollment_id, seq, type, step_id, payload, at, active_ms FROM event",
                              -1, &statement, NULL) != SQLITE_OK) {
        fprintf(stderr, "%s\n", sqlite3_errmsg(db));
        return 1;
    }
    long rows = 0, checksum = 0;
    while (sqlite3_step(statement) == SQLITE_ROW) {
        rows++;
        checksum += sqlite3_column_int64(statement, 0) + sqlite3_column_int64(statement, 1);
        const unsigned char *text = sqlite3_column_text(statement, 2);
        if (text) checksum += text[0];
        for (int column = 3; column <= 4; column++) {
            text = sqlite3_column_text(statement, column);
            if (text) checksum += (long)strlen((const char *)text);
        }
        checksum += sqlite3_column_int64(statement, 5) + sqlite3_column_int64(statement, 6);
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    printf("%ld rows (checksum %ld) in %.0f ms\n", rows, checksum,
           (end.tv_sec - start.tv_sec) * 1e3 + (end.tv_nsec - start.tv_nsec) / 1e6);
    sqlite3_finalize(statement);
    sqlite3_close(db);
    return 0;
}
