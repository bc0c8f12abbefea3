/* migrate.h: the migration runner of atiende-admin. */
#ifndef ATIENDE_MIGRATE_H
#define ATIENDE_MIGRATE_H

#include "arena.h"

/* Applies pending migrations from <Paths.sql>/migrations. 0 on success. */
int migrate_run(struct arena *a);

#endif
