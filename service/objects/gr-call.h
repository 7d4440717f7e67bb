/* georepd: one D-Bus method call, carried across its asynchronous steps.
 *
 * Every method handler validates its arguments and then begins its call
 * with gr_call_begin(): the method's polkit action comes from the one
 * table (gr-auth.c) and is checked before the first step runs, so no
 * handler can forget to authorize, and a method missing from the table
 * is denied. The call holds the invocation, a reference to the object
 * called, the caller's options and the method's own state; it ends with
 * exactly one reply. */
#pragma once

#include <gio/gio.h>

#include "gr-auth.h"

G_BEGIN_DECLS

typedef struct _GrCall GrCall;

/* A step owns @call: it replies (gr_call_return(), gr_call_fail()) or
 * hands the call on, e.g. as the user_data of an asynchronous operation
 * whose callback runs the next step. */
typedef void (*GrCallStep) (GrCall *call);

/* Begins the call @invocation made on @object (held until the reply):
 * asks polkit, asynchronously, whether the caller holds the action the
 * table gives the method, and runs @first_step only when it does. A
 * method open to everyone runs at once; without a rule, or when denied,
 * the caller gets a NotAuthorized* error and @first_step never runs.
 * @options are the caller's a{sv} (auth.no_user_interaction);
 * @qualifier: see gr_auth_lookup(). @state (may be NULL) is the method's
 * own, freed with @free_state when the call ends. Returns
 * G_DBUS_METHOD_INVOCATION_HANDLED for the handler to return. */
gboolean gr_call_begin (GDBusMethodInvocation *invocation,
                        gpointer object,
                        GVariant *options,
                        const char *qualifier,
                        GrCallStep first_step,
                        gpointer state,
                        GDestroyNotify free_state);

/* For a step that needs more than the method's action: asks for the
 * action of @step as well, then runs @next, or replies NotAuthorized*. */
void gr_call_authorize_step (GrCall *call, GrAuthStep step, GrCallStep next);

/* The object called. */
gpointer gr_call_get_object (GrCall *call);
/* The method's state given to gr_call_begin() or gr_call_set_state(). */
gpointer gr_call_get_state (GrCall *call);
/* Replaces the state, freeing the old one: the call moved on to a part
 * with a state of its own (CreateSession's request becomes a command). */
void
gr_call_set_state (GrCall *call, gpointer state, GDestroyNotify free_state);
/* Hands the state over to a new owner: the call no longer frees it. */
gpointer gr_call_steal_state (GrCall *call);
/* The caller's options (a{sv}). */
GVariant *gr_call_get_options (GrCall *call);
/* The caller's unique bus name. */
const char *gr_call_get_sender (GrCall *call);

/* Replies with @parameters (NULL: no value; a floating reference is
 * taken) and frees the call. Both replies send the object's pending
 * PropertiesChanged first, so that a caller who caches properties holds
 * the outcome when the reply arrives. */
void gr_call_return (GrCall *call, GVariant *parameters);
/* Replies with @error (taken) and frees the call. */
void gr_call_fail (GrCall *call, GError *error);

G_END_DECLS
