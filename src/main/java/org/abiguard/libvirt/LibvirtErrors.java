package org.abiguard.libvirt;

import org.abiguard.AbiguardException;
import org.libvirt.Error;
import org.libvirt.LibvirtException;

/** Reads libvirt's error codes and messages; a missing domain is an expected race, not a failure. */
public final class LibvirtErrors {
    private LibvirtErrors() {
    }

    public static boolean isNoDomain(LibvirtException e) {
        Error error = e.getError();
        return error != null && error.getCode() == Error.ErrorNumber.VIR_ERR_NO_DOMAIN;
    }

    /** libvirt's own message, on one line. */
    public static String message(LibvirtException e) {
        Error error = e.getError();
        String text = error != null && error.getMessage() != null ? error.getMessage() : e.getMessage();
        return AbiguardException.oneLine(text);
    }
}
