/* georepd: one destination (a secondary host and the user georepd logs in
 * as), exported as …/destinations/LABEL: a subclass of the generated
 * Destination skeleton that holds the stored record and answers the
 * methods (gr-destination-methods.c). */
#pragma once

#include "gr-generated.h"
#include "gr-ssh.h"
#include "gr-store.h"

G_BEGIN_DECLS

/* The destinations (gr-destinations.h) store the record and know where
 * the SSH files are. */
typedef struct _GrDestinations GrDestinations;

#define GR_TYPE_DESTINATION_OBJECT (gr_destination_object_get_type ())
G_DECLARE_FINAL_TYPE (GrDestinationObject,
                      gr_destination_object,
                      GR,
                      DESTINATION_OBJECT,
                      GrDestinationSkeleton)

/* Takes @record; @destinations outlives every destination. */
GrDestinationObject *gr_destination_object_new (GrDestinationRecord *record,
                                                GrDestinations *destinations);

const char *gr_destination_object_get_label (GrDestinationObject *self);
const char *gr_destination_object_get_path (GrDestinationObject *self);
GrDestinationRecord *
gr_destination_object_get_record (GrDestinationObject *self);
GrDestinations *
gr_destination_object_get_destinations (GrDestinationObject *self);

/* Copies the record into the properties, after a change to it. */
void gr_destination_object_sync (GrDestinationObject *self);

/* Installs the method handlers in @iface (gr-destination-methods.c). */
void gr_destination_object_iface_init_methods (GrDestinationIface *iface);
/* SetupMountbroker (gr-destination-mountbroker.c). */
gboolean gr_destination_object_handle_setup_mountbroker (
    GrDestination *iface,
    GDBusMethodInvocation *invocation,
    const char *volume,
    GVariant *options);

/* Destination.Promote (gr-dr-promote.c). */
gboolean
gr_destination_object_handle_promote (GrDestination *iface,
                                      GDBusMethodInvocation *invocation,
                                      const char *volume,
                                      GVariant *options);

G_END_DECLS
