/* georepd: the Destination object and its stored record. */
#include "gr-destination-object.h"
#include "gr-label.h"

struct _GrDestinationObject {
  GrDestinationSkeleton parent;
  GrDestinationRecord *record;
  GrDestinations *destinations;
  char *label;
  char *path;
};

static void gr_destination_object_iface_init (GrDestinationIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (
    GrDestinationObject,
    gr_destination_object,
    GR_TYPE_DESTINATION_SKELETON,
    G_IMPLEMENT_INTERFACE (GR_TYPE_DESTINATION,
                           gr_destination_object_iface_init))

static void
gr_destination_object_iface_init (GrDestinationIface *iface)
{
  gr_destination_object_iface_init_methods (iface);
}

static void
gr_destination_object_finalize (GObject *object)
{
  GrDestinationObject *self = GR_DESTINATION_OBJECT (object);

  g_clear_pointer (&self->record, gr_destination_record_free);
  g_free (self->label);
  g_free (self->path);
  G_OBJECT_CLASS (gr_destination_object_parent_class)->finalize (object);
}

static void
gr_destination_object_class_init (GrDestinationObjectClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gr_destination_object_finalize;
}

static void
gr_destination_object_init (GrDestinationObject *self)
{
  const char *const none[] = { NULL };

  gr_destination_set_sessions (GR_DESTINATION (self), none);
}

GrDestinationObject *
gr_destination_object_new (GrDestinationRecord *record,
                           GrDestinations *destinations)
{
  GrDestinationObject *self = g_object_new (GR_TYPE_DESTINATION_OBJECT, NULL);

  self->record = record;
  self->destinations = destinations;
  self->label = gr_destination_label (record->user, record->host);
  self->path = gr_destination_path (record->user, record->host);
  gr_destination_object_sync (self);
  return self;
}

const char *
gr_destination_object_get_label (GrDestinationObject *self)
{
  return self->label;
}

const char *
gr_destination_object_get_path (GrDestinationObject *self)
{
  return self->path;
}

GrDestinationRecord *
gr_destination_object_get_record (GrDestinationObject *self)
{
  return self->record;
}

GrDestinations *
gr_destination_object_get_destinations (GrDestinationObject *self)
{
  return self->destinations;
}

static const char *
or_empty (const char *value)
{
  return value ? value : "";
}

void
gr_destination_object_sync (GrDestinationObject *self)
{
  GrDestinationRecord *record = self->record;
  GrDestination *iface = GR_DESTINATION (self);
  const char *const none[] = { NULL };

  gr_destination_set_host (iface, record->host);
  gr_destination_set_port (iface, record->port);
  gr_destination_set_user (iface, record->user);
  gr_destination_set_host_key_fingerprint (iface, record->fingerprint);
  gr_destination_set_host_key_type (iface, or_empty (record->key_type));
  gr_destination_set_passwordless (
      iface, record->passwordless ? record->passwordless : "unknown");
  gr_destination_set_last_test_time (iface, record->last_test_time);
  gr_destination_set_last_test_message (iface,
                                        or_empty (record->last_test_message));
  gr_destination_set_remote_gluster_version (
      iface, or_empty (record->remote_gluster_version));
  gr_destination_set_remote_rsync_version (
      iface, or_empty (record->remote_rsync_version));
  gr_destination_set_remote_volumes (
      iface, record->remote_volumes
                 ? (const char *const *) record->remote_volumes
                 : none);
}
