/* File helpers of the tests: whole-file reads and writes that fail the
 * test on error, modes and owners, the tail a log grew since an offset,
 * and the removal of a temporary tree. */
#pragma once

#include <glib.h>
#include <sys/types.h>

G_BEGIN_DECLS

/* The whole file; fails the test if it cannot be read. */
char *gr_test_read_text (const char *path);

/* Writes @text with the permissions @mode; fails the test on error. */
void gr_test_write_text (const char *path, const char *text, int mode);

/* The permission bits of @path, which must exist. */
guint gr_test_file_mode (const char *path);

/* Asserts the permission bits and the owner of @path. */
void gr_test_assert_mode (const char *path, guint mode, uid_t owner);

/* The size of @path; 0 if it does not exist. */
goffset gr_test_file_size (const char *path);

/* What was appended to @path since it was @offset long: the whole file if
 * it is shorter now, "" if it is missing. */
char *gr_test_read_since (const char *path, goffset offset);

/* Removes @path and everything below it; links are removed, not
 * followed. */
void gr_test_remove_tree (const char *path);

G_END_DECLS
