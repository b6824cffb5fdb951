package org.exchangehub.adapters.simulator;

/** The hub's verify API could not be asked: the agency cannot decide now, and says so with a 503. */
class HubUnavailableException extends RuntimeException {

    HubUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
