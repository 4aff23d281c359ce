package dev.kcpim.domain;

/**
 * Why a transition happens: the end reason the request keeps, and two facts that change its
 * effects. {@code mappingGone}: the role mapping no longer exists (removed outside PIM, or the user
 * or role was deleted), so there is nothing to remove. {@code cleanup}: the request ends because
 * something it hangs on was deleted; audited as {@link AuditAction#CLEANED_UP}.
 */
public record Cause(String reason, boolean mappingGone, boolean cleanup) {

    public static Cause of(String reason) {
        return new Cause(reason, false, false);
    }

    /** The mapping of the elevation was removed outside PIM. */
    public static Cause mappingRemovedOutsidePim() {
        return new Cause("the role mapping was removed outside PIM", true, false);
    }

    /** The user, role or group the request hangs on was deleted (Keycloak removes the mapping itself). */
    public static Cause deleted(String reason) {
        return new Cause(reason, true, true);
    }

    /** Something the request hangs on was deleted, but the mapping still exists (a group): PIM removes it. */
    public static Cause cleanUp(String reason) {
        return new Cause(reason, false, true);
    }

    public AuditAction auditAction(Transition transition) {
        return cleanup ? AuditAction.CLEANED_UP : transition.auditAction();
    }

    public boolean removesMapping(Transition transition) {
        return transition.mappingEffect() == MappingEffect.REMOVE && !mappingGone;
    }
}
