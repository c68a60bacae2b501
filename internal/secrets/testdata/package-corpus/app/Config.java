package com.acme;

public final class Config {
    static final String MAPS_KEY = "AIzaLZ2bp8G8aTb1ZIiCnv_o7z2NEPjuc4yY7K1";
    private static final String dbPassword = "UD74I9EL32NA5J!H2PkV";
    static final String PASSWORD_FIELD = "password";
    static final String TOKEN_HEADER = "X-Auth-Token";
}
