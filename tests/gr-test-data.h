/* Unit test helpers: the recorded gluster outputs in tests/data. */
#pragma once

#include <glib.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

/* The contents of tests/data/@name; fails the test if unreadable. */
char *gr_test_read_data (const char *name, gsize *len);

/* tests/data/@name through the service's safe XML reader. */
xmlDoc *gr_test_read_xml (const char *name, GError **error);

G_END_DECLS
