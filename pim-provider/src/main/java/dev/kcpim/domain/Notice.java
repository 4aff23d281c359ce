package dev.kcpim.domain;

/** The email a transition sends to the people concerned (the notify package renders it). */
public enum Notice {
    APPROVED, DENIED, REQUEST_EXPIRED, STARTED, ENDED, NONE
}
