// expect: erpoll: a resource descriptor needs exactly one erpoll::updated_field member
#include <erpoll/erpoll.hpp>

struct TwoUpdated {
  static constexpr erpoll::fixed_string name = "x";
  static constexpr erpoll::fixed_string url = "/x";
  BOOST_HANA_DEFINE_STRUCT(TwoUpdated, (erpoll::id_field<>, id), (erpoll::updated_field<"milliseconds">, a),
                           (erpoll::updated_field<"seconds">, b));
};

int main() { return static_cast<int>(erpoll::resource_traits<TwoUpdated>::member_count); }
