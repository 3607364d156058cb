/*
 * java_number.h - Java's Double.toString and Float.toString, as the JDK 8-18 releases print them
 * (the Java versions Paimon supports; JDK 19+ prints the shortest digits, which differs for some
 * values, e.g. 1.2300000000000001E22 against 1.23E22). Paimon's texts depend on them: partition
 * folder names of FLOAT/DOUBLE columns, JSON metadata, casts to strings.
 */
#ifndef PM_DATA_JAVA_NUMBER_H
#define PM_DATA_JAVA_NUMBER_H

#include <stddef.h>

#define PM_JAVA_NUM_TEXT_MAX 40

/* "0.1", "1.0E10", "-0.0", "NaN", "Infinity". Returns the length. */
size_t pm_java_double_to_string(double v, char out[PM_JAVA_NUM_TEXT_MAX]);
size_t pm_java_float_to_string(float v, char out[PM_JAVA_NUM_TEXT_MAX]);

#endif
