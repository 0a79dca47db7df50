/**
 * How the starter does its work, not part of its API: the JWT pipeline (Nimbus processor,
 * key set cache, key selector, validators, claim mapping), header and bearer-token
 * parsing, trace ids, the cause-chain search. Classes here may change in any release;
 * applications use the beans the auto-configurations register, through Spring Security's
 * interfaces.
 */
package dev.gatehouse.security.internal;
