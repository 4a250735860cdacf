package dev.muster.lxd;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** The configuration web-slice tests of the kit start from (no component scan: the kit registers itself). */
@SpringBootConfiguration
@EnableAutoConfiguration
class LxdKitTestApplication {}
