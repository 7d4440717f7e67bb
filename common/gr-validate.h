/* georepd: validation of every string a caller sends, before any use.
 * Each function returns FALSE with GR_ERROR_INVALID_ARGUMENT and a message
 * naming @what when the string is refused. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GR_VOLUME_NAME_MAX 64
#define GR_USER_NAME_MAX 32
#define GR_CONFIG_VALUE_MAX 4096

gboolean gr_validate_volume (const char *name, GError **error);
gboolean gr_validate_host (const char *host, GError **error);
gboolean gr_validate_user (const char *user, GError **error);
gboolean gr_validate_config_value (const char *value, GError **error);
gboolean gr_validate_fingerprint (const char *fingerprint, GError **error);
/* A gluster node's uuid as glusterd writes it: 8-4-4-4-12 hex digits. */
gboolean gr_validate_uuid (const char *uuid, GError **error);

G_END_DECLS
