// expect: erpoll: a resource descriptor needs 'static constexpr erpoll::fixed_string name
#include <erpoll/erpoll.hpp>

struct Nameless {
  static constexpr erpoll::fixed_string url = "/x";
  BOOST_HANA_DEFINE_STRUCT(Nameless, (erpoll::id_field<>, id), (erpoll::updated_field<"seconds">, updated));
};

int main() { return static_cast<int>(erpoll::resource_traits<Nameless>::member_count); }
