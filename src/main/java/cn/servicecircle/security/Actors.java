package cn.servicecircle.security;

import cn.servicecircle.web.ApiException;

/** The actor of a request, for handlers of routes that {@link SecurityConfig} lets only roles reach. */
public final class Actors {
    private Actors() {
    }

    /**
     * @param actor the request's principal, null when anonymous or the token names no role
     * @return the actor
     * @throws ApiException 401 when there is none (the route's rule should have refused already)
     */
    public static Actor require(Actor actor) {
        if (actor == null) {
            throw new ApiException(401, "UNAUTHENTICATED", "This needs an 'Authorization: Bearer <token>' header");
        }
        return actor;
    }
}
