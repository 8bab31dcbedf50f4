package cn.servicecircle.population;

/**
 * What is wrong with one row of an import.
 *
 * @param row     1-based row number as in {@link ImportRow#row()}
 * @param id      the row's id as given (null when missing or unreadable)
 * @param field   the column / property name ({@code lat}, {@code age_0_2}, {@code area_code}, {@code geometry})
 * @param code    stable code: REQUIRED, INVALID_NUMBER, NOT_AN_INTEGER, OUT_OF_RANGE, INVALID_TEXT, INVALID_LENGTH,
 *                WRONG_COLUMN_COUNT, NOT_A_POINT, DUPLICATE_ID, OUTSIDE_SERVICE_AREA, AREA_MISMATCH
 * @param message human-readable explanation (English)
 */
public record ImportProblem(int row, String id, String field, String code, String message) {
}
