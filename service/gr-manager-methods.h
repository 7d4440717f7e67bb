/* georepd: the Manager interface's methods. */
#pragma once

#include "gr-daemon.h"

G_BEGIN_DECLS

void gr_manager_connect_methods (GrDaemon *daemon);

G_END_DECLS
