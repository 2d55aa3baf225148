// Stand-in for FATE-Board's Spring Boot entry point.
package org.fedai.fate.board;

public final class Bootstrap {
    public static void main(String[] args) {
        System.out.println("fateboard");
    }
}
