package dev.ingest.testkit.cycles.siblings.b;

/** Fixture: uses {@code a.A}, which uses this type back. */
public class B {
  public dev.ingest.testkit.cycles.siblings.a.A a;
}
