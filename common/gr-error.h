/* georepd: the org.gluster.GeoReplication1.Error domain. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define GR_ERROR (gr_error_quark ())

typedef enum {
  GR_ERROR_FAILED,
  GR_ERROR_INVALID_ARGUMENT,
  GR_ERROR_NOT_FOUND,
  GR_ERROR_ALREADY_EXISTS,
  GR_ERROR_INVALID_STATE,
  GR_ERROR_BUSY,
  GR_ERROR_TIMEDOUT,
  GR_ERROR_GLUSTERD_UNAVAILABLE,
  GR_ERROR_GLUSTER_FAILED,
  GR_ERROR_NOT_AUTHORIZED,
  GR_ERROR_NOT_AUTHORIZED_CAN_OBTAIN,
  GR_ERROR_NOT_AUTHORIZED_DISMISSED,
  GR_ERROR_HOST_KEY_MISMATCH,
  GR_ERROR_HOST_UNREACHABLE,
  GR_ERROR_AUTHENTICATION_FAILED,
  GR_ERROR_N_ERRORS /*< skip >*/
} GrError;

GQuark gr_error_quark (void);

/* The D-Bus name of @code, e.g. "org.gluster.GeoReplication1.Error.Busy". */
const char *gr_error_dbus_name (GrError code);

G_END_DECLS
